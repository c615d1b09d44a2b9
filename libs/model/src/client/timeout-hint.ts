/** What to tell the user when a model request times out: the one wording for every place that raises `timeout`. */
export const TIMEOUT_HINT = 'raise --idle-timeout (silence between tokens) or --request-timeout (a whole request), or lower --concurrency';
