import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  Text,
  tokens,
} from "@fluentui/react-components";
import { DismissCircleFilled, InfoFilled, WarningFilled } from "@fluentui/react-icons";
import { useMemo, useState } from "react";
import { builtInFormSets } from "../../core/forms/catalog";
import type { Severity } from "../../core/forms/schema";
import { countFindings } from "../../core/report";
import {
  describeCells,
  textNumberCells,
  type ConvertReport,
  type TextNumberCell,
} from "../../core/findings/convert";
import type { Finding } from "../../core/findings/types";
import { placeInWords } from "../../core/place";
import { describeError } from "../errors";
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
  actions: { display: "flex", columnGap: "4px", paddingLeft: "32px", flexWrap: "wrap" },
  detail: {
    margin: "2px 0 6px 32px",
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
  },
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
/** `Dòng 1.4 · Biểu mẫu 3, ô D8`. */
function placeText(f: Finding): string {
  const row = f.row ? `Dòng ${f.row}` : "";
  return [row, f.cell ? placeInWords(f.cell) : ""].filter(Boolean).join(" · ");
}

interface Group {
  key: string;
  title: string;
  findings: Finding[];
}

function groupByForm(findings: Finding[], formSet: string | undefined): Group[] {
  const catalog = formSet ? builtInFormSets().get(formSet) : undefined;
  const groups = new Map<number, Finding[]>();
  const rank = { error: 0, warning: 1, info: 2 };
  // Most severe first within a form; the order of the check is kept otherwise (stable sort).
  const sorted = [...findings].sort((a, b) => rank[a.severity] - rank[b.severity]);
  for (const f of sorted) {
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
  /** Converts numbers stored as text (the "Chuyển thành số" button shows only when given). */
  onConvertTextNumbers?: (cells: TextNumberCell[]) => Promise<ConvertReport>;
  /** Heading level of the group titles. */
  headingLevel?: 2 | 3 | 4;
}

/**
 * Findings grouped by form, most severe first; a finding with a cell is a button that selects it, and
 * "Chi tiết" shows the rule in words. The grouped note on numbers typed as text offers to convert them.
 */
export function FindingsList({
  findings,
  formSet,
  onSelect,
  onConvertTextNumbers,
  headingLevel = 3,
}: FindingsListProps) {
  const styles = useStyles();
  const groups = useMemo(() => groupByForm(findings, formSet), [findings, formSet]);
  // Groups are open unless the user closed them, so new findings are seen without a click.
  const [closed, setClosed] = useState<ReadonlySet<string>>(new Set());
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [pending, setPending] = useState<TextNumberCell[] | undefined>(undefined);
  const [converting, setConverting] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | undefined>(undefined);
  const open = groups.map((g) => g.key).filter((k) => !closed.has(k));
  if (findings.length === 0 && !outcome) return null;
  const Heading = `h${headingLevel}` as "h2" | "h3" | "h4";
  const toggle = (key: string) =>
    setExpanded((s) => {
      const next = new Set(s);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  const convert = async (cells: TextNumberCell[]) => {
    if (!onConvertTextNumbers) return;
    setConverting(true);
    try {
      const r = await onConvertTextNumbers(cells);
      const skipped = r.skipped.map((x) => `${x.address}: ${x.reason}`).join("; ");
      setOutcome({
        ok: r.skipped.length === 0,
        text: `Đã chuyển ${r.converted.length} ô thành số.${skipped ? ` Không chuyển: ${skipped}.` : ""}`,
      });
    } catch (e) {
      setOutcome({ ok: false, text: describeError(e, "chuyển số dạng chữ thành số") });
    } finally {
      setConverting(false);
      setPending(undefined);
    }
  };
  return (
    <>
      {outcome && (
        <MessageBar intent={outcome.ok ? "success" : "warning"} layout="multiline">
          <MessageBarBody>{outcome.text}</MessageBarBody>
        </MessageBar>
      )}
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
                  const key = `${f.rule}|${f.row}|${i}`;
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
                  const convertible = onConvertTextNumbers ? textNumberCells(f) : [];
                  const isOpen = expanded.has(key);
                  return (
                    <li key={key}>
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
                      {(f.detail || convertible.length > 0) && (
                        <div className={styles.actions}>
                          {f.detail && (
                            <Button
                              appearance="transparent"
                              size="small"
                              aria-expanded={isOpen}
                              onClick={() => toggle(key)}
                            >
                              {isOpen ? "Ẩn chi tiết" : "Chi tiết"}
                            </Button>
                          )}
                          {convertible.length > 0 && (
                            <Button
                              appearance="secondary"
                              size="small"
                              disabled={converting}
                              onClick={() => setPending(convertible)}
                            >
                              Chuyển thành số
                            </Button>
                          )}
                        </div>
                      )}
                      {isOpen && f.detail && <p className={styles.detail}>{f.detail}</p>}
                    </li>
                  );
                })}
              </ul>
            </AccordionPanel>
          </AccordionItem>
        ))}
      </Accordion>
      <Dialog
        open={pending !== undefined}
        modalType="alert"
        onOpenChange={(_, data) => {
          if (!data.open) setPending(undefined);
        }}
      >
        <DialogSurface>
          <DialogBody>
            <DialogTitle>Chuyển {pending?.length ?? 0} ô thành số?</DialogTitle>
            <DialogContent>
              {pending && (
                <>
                  <p>
                    {pending.length} ô đang chứa số ở dạng chữ: {describeCells(pending)}.
                  </p>
                  <p>
                    Mỗi ô sẽ chứa đúng số đã đọc và được định dạng để hiển thị như cũ; ô nào đã thay
                    đổi từ lần kiểm tra trước sẽ được giữ nguyên.
                  </p>
                </>
              )}
            </DialogContent>
            <DialogActions>
              <Button
                appearance="primary"
                disabled={converting}
                onClick={() => pending && void convert(pending)}
              >
                Chuyển thành số
              </Button>
              <Button appearance="secondary" onClick={() => setPending(undefined)}>
                Hủy
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </>
  );
}
