# gunicorn reads this file from its working directory: the image's /app, or a checkout.
# Its access log must not hold invitation tokens or result keys (cxassess/log_redaction.py).
logger_class = "cxassess.log_redaction.RedactingGunicornLogger"

# A worker keeps the memory it once grew to (a large export, a burst of dashboards): replace
# each after about 2,000 requests, the jitter keeping the workers from restarting together.
max_requests = 2000
max_requests_jitter = 200
