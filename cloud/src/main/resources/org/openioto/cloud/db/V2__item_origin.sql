-- Which side last wrote an item: 'device' (sync up, store/set) or 'cloud' (the manager). Only
-- cloud-side changes go down to the device on syncDown, so its own writes are not echoed back.
ALTER TABLE item ADD COLUMN origin VARCHAR(8) NOT NULL DEFAULT 'device';

CREATE INDEX item_device_origin ON item (device_id, origin, updated);
