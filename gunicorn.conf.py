# gunicorn reads this file from its working directory: the image's /app, or a checkout.
# Its access log must not hold invitation tokens or result keys (cxassess/log_redaction.py).
logger_class = "cxassess.log_redaction.RedactingGunicornLogger"
