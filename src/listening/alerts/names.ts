// Job names and retry policy of alert delivery, shared by the detector (which enqueues) and the worker.
export const ALERT_EMAIL_JOB = 'listening.alert-email';
/** Follow-up emails about a storm: it escalated, or it is over. */
export const NOTICE_EMAIL_JOB = 'listening.storm-notice-email';
export const WEBHOOK_DELIVERY_JOB = 'listening.webhook-delivery';
export const STORM_SWEEP_JOB = 'listening.storm-sweep';
export const WEBHOOK_MAX_ATTEMPTS = 6;
export const EMAIL_MAX_ATTEMPTS = 5;
