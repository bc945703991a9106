package org.ifnet.tool.ifconfig;

import java.util.List;
import java.util.TreeSet;

/** The names of every ifconfig word, the drivers' included (for help and completion). */
public final class IfconfigWords {
    private IfconfigWords() {
    }

    public static List<String> names() {
        TreeSet<String> names = new TreeSet<>();
        for (Word w : BaseWords.all()) {
            names.add(w.name());
        }
        for (IfconfigExtension e : Extensions.all()) {
            for (Word w : e.words()) {
                names.add(w.name());
            }
        }
        return List.copyOf(names);
    }
}
