package org.openioto.core.internal.services;

/** Whether a capability should run, and why: "ioto.json5", "needed by sync", "ioto:disable". */
public record Want(boolean wanted, String reason) {
}
