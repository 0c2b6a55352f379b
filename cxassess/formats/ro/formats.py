# Month names in lower case ("8 mai 2026") come from cxassess/month_names.py; Django's
# formats already write the day without a leading zero.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
