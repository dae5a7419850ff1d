/**
 * Device metrics as Ioto's cloud keeps them: samples from {@code metric/set} and from synced items
 * (the schema's {@code process.<Model>.metrics}), summed up per metric and dimension set into
 * 5-minute and 1-hour buckets (count, sum, min, max, and the last value), and the statistics
 * {@code metric/get} and the manager API ask for. {@link org.openioto.cloud.metrics.Metrics} is
 * the entry point.
 */
package org.openioto.cloud.metrics;
