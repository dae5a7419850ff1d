-- The serial (hex) of the certificate last issued to each device. The broker accepts a device
-- only with that certificate, so a release (which sets 'released') or a new certificate revokes
-- the old one. NULL for devices provisioned before this column: they are let in as before.
ALTER TABLE device ADD COLUMN certificate_serial VARCHAR(64);
