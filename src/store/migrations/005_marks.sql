-- chartscan schema: form check boxes. The square outlines a page's pixels show (OCR reads a
-- drawn box as a stray letter), in the frame of the page's word boxes:
-- JSON [[x, y, w, h, checked], ...] with checked 1 when ink sits inside the box.
-- NULL: the page was read before version 5 (boxes not looked for).
ALTER TABLE page_words ADD COLUMN marks TEXT;
