// Imports every module that registers a job kind, so the worker and the CLI know them all.
// Add one import line per module that calls registerJobHandler.
import "./handlers/speechocean762-import";
import "./handlers/audio-import";
import "./handlers/exports";
import "./handlers/infer";
import "./handlers/audit";
import "./handlers/rationale-variant";
