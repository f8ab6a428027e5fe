-- Images (docs/decisions/0161-image-storage.md): a story's lead image and an entry's image, each a
-- copy of the stored image as JSON (images never change once stored). On one node the image files
-- live under the data directory (data/images/), not in this database.
ALTER TABLE stories ADD COLUMN lead_image TEXT;
ALTER TABLE entries ADD COLUMN image TEXT;
