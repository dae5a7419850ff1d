/**
 * Configuration vocabulary shared by every OpenIoto capability: the persistent identifiers of
 * the capability configurations and the parsers for Ioto's duration and size strings
 * ({@code '30 secs'}, {@code '1mb'}, {@code 'never'}).
 */
@Export
@Version("1.0.0")
package org.openioto.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
