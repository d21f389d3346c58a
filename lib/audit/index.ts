export * from "./types";
export { extractMentions, type Extraction } from "./extract-mentions";
export { auditResponse, type AuditInput } from "./audit-response";
export { summarize, summarizeAll, type GranularitySummary } from "./summarize";
export { predictionLabels, labelsFromScores, centre, type NumericScores } from "./labels-from";
export { indexUtterance, type UtteranceIndex } from "./utterance-index";
