# Dates as Italian writes them in running text: "8 maggio 2026", not Django's "08 Maggio 2026"
# with a weekday in front of times (month names in lower case come from cxassess/month_names.py).
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
