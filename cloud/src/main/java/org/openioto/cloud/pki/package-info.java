/**
 * The local cloud's certificate authority: it keeps one EC P-256 CA in a directory and issues
 * the device certificates delivered at provisioning and the MQTT broker's server certificate.
 */
package org.openioto.cloud.pki;
