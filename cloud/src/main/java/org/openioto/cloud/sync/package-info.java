/**
 * The cloud half of Ioto's database sync and Store protocol: device items synced up and
 * acknowledged, cloud-side changes synced down, Store and metric requests answered (metrics are
 * kept by {@link org.openioto.cloud.metrics.Metrics}), and
 * {@link org.openioto.cloud.sync.CloudStore} for changing Store items from the cloud side.
 * {@link org.openioto.cloud.sync.Sync} takes the broker's messages and does the work per device,
 * in order, off the broker's threads.
 */
package org.openioto.cloud.sync;
