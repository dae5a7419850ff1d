package org.openioto.cloud.http;

/**
 * How this cloud describes itself to claimed devices in the register reply. Ioto stores these
 * in provision.json5 and logs them ("Device provisioned for hosted cloud "local" in local").
 */
public record CloudIdentity(String cloudType, String cloudName, String cloudRegion) {

    /** A self-hosted cloud: type "hosted", name and region "local". */
    public static CloudIdentity local() {
        return new CloudIdentity("hosted", "local", "local");
    }
}
