import { makeStyles, tokens } from "@fluentui/react-components";

/** Layout shared by the Tổng hợp sections. */
export const useSectionStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", rowGap: "8px", minWidth: 0 },
  h2: {
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    margin: "8px 0 0",
  },
  row: { display: "flex", flexWrap: "wrap", columnGap: "8px", rowGap: "8px", alignItems: "center" },
  detail: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});
