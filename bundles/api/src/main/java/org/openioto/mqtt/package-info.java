/**
 * The MQTT connection to the device cloud that every cloud capability uses: MQTT 3.1.1 publish
 * and subscribe with QoS 0, 1 and 2, Ioto's request/response over topic pairs, and a durable
 * queue so that no accepted QoS 1 or 2 message is lost across reconnects and restarts.
 */
@Export
@Version("1.0.0")
package org.openioto.mqtt;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
