package org.ifnet.tool.daemon;

import java.util.List;

/** The drivers whose own settings the configuration file keeps (see {@link DriverSettings}). */
final class DriverSettingsTable {
    private DriverSettingsTable() {
    }

    static List<DriverSettings> all() {
        return List.of(new VlanSettings(), new LaggSettings());
    }
}
