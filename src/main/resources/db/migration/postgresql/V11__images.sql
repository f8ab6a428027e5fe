-- Images (docs/decisions/0161-image-storage.md): a story's lead image and an entry's image, each a
-- copy of the stored image as JSON (images never change once stored).
ALTER TABLE stories ADD COLUMN lead_image TEXT;
ALTER TABLE entries ADD COLUMN image TEXT;

-- In a cluster every node serves every image, so the images and their renditions' bytes are here.
-- Both are keyed by hashes of their content: a second insert of the same key is the same row.
CREATE TABLE images (
  id         TEXT    PRIMARY KEY,
  record     TEXT    NOT NULL,
  created_at BIGINT  NOT NULL
);

CREATE TABLE image_files (
  name TEXT  PRIMARY KEY,
  data BYTEA NOT NULL
);
