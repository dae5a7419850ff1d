/**
 * Device identity: the claim ID a user presents to claim the device, and the product it belongs
 * to. The service appears once the ID is known and is the first link of the start-up chain.
 */
@Export
@Version("1.0.0")
package org.openioto.identity;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
