# Times as "12:00 a.m.", not Django's "midnight", which many read as the end of the day it names
# (an opening "March 4, midnight" was taken for the night of the 4th to the 5th).
DATETIME_FORMAT = "N j, Y, g:i a"
# Short dates for lists read by a company in several countries: 03/04/2027 is 3 April in Milan
# and March 4 in California; the ISO form is the same everywhere.
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
