-- Lists of one kind and year by place (the document page's neighbours, the
-- year filter of listings) read a narrow range instead of every document of
-- the kind.
CREATE INDEX documents_kind_year_place ON documents (kind, year, place_code);
