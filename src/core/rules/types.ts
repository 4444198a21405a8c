// Kept for the many importers; new code imports from `core/findings/types`.
export { SEVERITY_LABELS, type Finding } from "../findings/types";
