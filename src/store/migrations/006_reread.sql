-- chartscan schema: second readings. A field under the review threshold is read again from
-- its region of the page (enlarged, as one line); this is the OCR confidence (0-1) of that
-- reading when it said the same words, 0 when it said others, NULL when the field was not
-- read again (confident enough, or extracted before version 6).
ALTER TABLE fields ADD COLUMN reread_conf REAL;
