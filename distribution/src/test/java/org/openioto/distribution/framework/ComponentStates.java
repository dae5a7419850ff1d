package org.openioto.distribution.framework;

import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;

/** Names for the states of {@link ComponentConfigurationDTO}, for readable failures. */
final class ComponentStates {

    private ComponentStates() {
    }

    static String name(int state) {
        switch (state) {
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION: return "UNSATISFIED_CONFIGURATION";
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE: return "UNSATISFIED_REFERENCE";
            case ComponentConfigurationDTO.SATISFIED: return "SATISFIED";
            case ComponentConfigurationDTO.ACTIVE: return "ACTIVE";
            case ComponentConfigurationDTO.FAILED_ACTIVATION: return "FAILED_ACTIVATION";
            default: return "state " + state;
        }
    }
}
