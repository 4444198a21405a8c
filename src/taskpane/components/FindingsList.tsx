import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  makeStyles,
  mergeClasses,
  Text,
  tokens,
} from "@fluentui/react-components";
import { DismissCircleFilled, InfoFilled, WarningFilled } from "@fluentui/react-icons";
import { useMemo, useState } from "react";
import { builtInFormSets } from "../../core/forms/catalog";
import type { Severity } from "../../core/forms/schema";
import { countFindings } from "../../core/report";
import type { Finding } from "../../core/rules/types";
import { parseCellAddress } from "../../core/workbook/snapshot";
import { SEVERITY_LABELS, summaryText } from "../labels";

const useStyles = makeStyles({
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    rowGap: "2px",
  },
  finding: {
    display: "flex",
    width: "100%",
    justifyContent: "flex-start",
    alignItems: "flex-start",
    textAlign: "left",
    columnGap: "8px",
    padding: "6px 8px",
    fontWeight: tokens.fontWeightRegular,
    minHeight: "auto",
  },
  staticFinding: {
    display: "flex",
    alignItems: "flex-start",
    columnGap: "8px",
    padding: "6px 8px",
  },
  icon: { flexShrink: 0, marginTop: "2px", fontSize: "16px" },
  error: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  info: { color: tokens.colorNeutralForeground3 },
  text: { display: "flex", flexDirection: "column", rowGap: "2px" },
  where: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

function SeverityIcon({ severity }: { severity: Severity }) {
  const styles = useStyles();
  const label = SEVERITY_LABELS[severity];
  if (severity === "error") {
    return (
      <DismissCircleFilled
        className={mergeClasses(styles.icon, styles.error)}
        aria-label={label}
        role="img"
      />
    );
  }
  if (severity === "warning") {
    return (
      <WarningFilled
        className={mergeClasses(styles.icon, styles.warning)}
        aria-label={label}
        role="img"
      />
    );
  }
  return (
    <InfoFilled className={mergeClasses(styles.icon, styles.info)} aria-label={label} role="img" />
  );
}

/** `Ô D12` for a cell of the form's own sheet, `Trang “X”, ô D12` otherwise. */
function placeText(f: Finding): string {
  const row = f.row ? `Dòng ${f.row}` : "";
  if (!f.cell) return row;
  const parsed = parseCellAddress(f.cell);
  const cell = parsed ? `ô ${f.cell.slice(f.cell.lastIndexOf("!") + 1)}` : f.cell;
  const sheet = parsed ? `trang “${parsed.sheet}”, ` : "";
  return [row, `${sheet}${cell}`].filter(Boolean).join(" · ");
}

interface Group {
  key: string;
  title: string;
  findings: Finding[];
}

function groupByForm(findings: Finding[], formSet: string | undefined): Group[] {
  const catalog = formSet ? builtInFormSets().get(formSet) : undefined;
  const groups = new Map<number, Finding[]>();
  for (const f of findings) {
    const list = groups.get(f.form) ?? [];
    list.push(f);
    groups.set(f.form, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([form, list]) => {
      const title = catalog?.set.forms[form - 1]?.title;
      const name = form >= 1 && form <= 7 ? `Biểu mẫu ${form}` : "Chung";
      return {
        key: String(form),
        title: `${name}${title ? ` — ${title}` : ""} (${summaryText(countFindings(list))})`,
        findings: list,
      };
    });
}

export interface FindingsListProps {
  findings: Finding[];
  /** Id of the form set, for the forms' titles. */
  formSet?: string;
  /** Selects a finding's cell in Excel; without it (the checking page) findings are plain text. */
  onSelect?: (cell: string) => void;
  /** Heading level of the group titles. */
  headingLevel?: 2 | 3 | 4;
}

/** Findings grouped by form; with `onSelect`, a finding with a cell is a button that selects it. */
export function FindingsList({ findings, formSet, onSelect, headingLevel = 3 }: FindingsListProps) {
  const styles = useStyles();
  const groups = useMemo(() => groupByForm(findings, formSet), [findings, formSet]);
  // Groups are open unless the user closed them, so new findings are seen without a click.
  const [closed, setClosed] = useState<ReadonlySet<string>>(new Set());
  const open = groups.map((g) => g.key).filter((k) => !closed.has(k));
  if (findings.length === 0) return null;
  const Heading = `h${headingLevel}` as "h2" | "h3" | "h4";
  return (
    <Accordion
      multiple
      collapsible
      openItems={open}
      onToggle={(_, data) => {
        const nowOpen = new Set(data.openItems.map(String));
        setClosed(new Set(groups.map((g) => g.key).filter((k) => !nowOpen.has(k))));
      }}
    >
      {groups.map((g) => (
        <AccordionItem value={g.key} key={g.key}>
          <Heading style={{ margin: 0 }}>
            <AccordionHeader size="small">{g.title}</AccordionHeader>
          </Heading>
          <AccordionPanel>
            <ul className={styles.list} aria-label={g.title}>
              {g.findings.map((f, i) => {
                const body = (
                  <>
                    <SeverityIcon severity={f.severity} />
                    <span className={styles.text}>
                      <Text>{f.message}</Text>
                      <Text className={styles.where}>{placeText(f)}</Text>
                    </span>
                  </>
                );
                const cell = f.cell;
                return (
                  <li key={`${f.rule}|${f.row}|${i}`}>
                    {cell && onSelect ? (
                      <Button
                        appearance="subtle"
                        className={styles.finding}
                        onClick={() => onSelect(cell)}
                        title="Chọn ô này trong Excel"
                        data-cell={cell}
                        data-severity={f.severity}
                      >
                        {body}
                      </Button>
                    ) : (
                      <div
                        className={styles.staticFinding}
                        data-cell={cell}
                        data-severity={f.severity}
                      >
                        {body}
                      </div>
                    )}
                  </li>
                );
              })}
            </ul>
          </AccordionPanel>
        </AccordionItem>
      ))}
    </Accordion>
  );
}
