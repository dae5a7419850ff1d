/**
 * Configuration vocabulary shared by every OpenIoto capability: the persistent identifiers of
 * the capability configurations and the parsers for Ioto's duration, size and schedule strings
 * ({@code '30 secs'}, {@code '1mb'}, {@code 'never'}, {@code 'workhours'}).
 */
@Export
@Version("1.1.0")
package org.openioto.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
