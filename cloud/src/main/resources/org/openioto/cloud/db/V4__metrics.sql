-- Metric statistics per account, metric and dimension set, in 5-minute (width 300) and 1-hour
-- (width 3600) buckets starting at start_time (epoch seconds, a multiple of the width). The
-- dimension set is a JSON object with its names sorted ('{}' for the whole fleet). latest is the
-- last sample, taken at latest_time (epoch ms). Old buckets are deleted as new ones come.
CREATE TABLE metric_bucket (
    account_id  BIGINT NOT NULL REFERENCES account(id),
    namespace   VARCHAR(64) NOT NULL,
    metric      VARCHAR(64) NOT NULL,
    dimensions  VARCHAR(1024) NOT NULL,
    width       INTEGER NOT NULL,
    start_time  BIGINT NOT NULL,
    samples     BIGINT NOT NULL,
    total       DOUBLE PRECISION NOT NULL,
    minimum     DOUBLE PRECISION NOT NULL,
    maximum     DOUBLE PRECISION NOT NULL,
    latest      DOUBLE PRECISION NOT NULL,
    latest_time BIGINT NOT NULL,
    PRIMARY KEY (account_id, namespace, metric, dimensions, width, start_time)
);

CREATE INDEX metric_bucket_age ON metric_bucket (width, start_time);
