// Starts GOV.UK Frontend's components (the header's Menu button, error summaries, ...).
// The import is relative, so it resolves beside this file under any STATIC_URL.
import { initAll } from "../vendor/govuk-frontend/govuk-frontend.min.js";

initAll();
