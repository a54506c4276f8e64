package org.joule.samples;

import java.util.ArrayList;
import java.util.List;
import org.joule.graph.Energy;
import org.joule.graph.Graph;
import org.joule.graph.Node;
import org.joule.graph.Parser;
import org.joule.runtime.Layout;

/** Parsing an expression from the command line and choosing what to differentiate. */
final class Expressions {
    private Expressions() {
    }

    /** Parses {@code text} into a new graph; every identifier becomes a scalar data variable. */
    static Node parse(String text) {
        return Parser.parse(text, new Graph());
    }

    /** The energy of {@code n} with respect to {@code wrt} (all variables when empty). */
    static Energy energy(Node n, List<String> wrt) {
        Energy e = Energy.of(n);
        return wrt == null || wrt.isEmpty() ? e : e.wrt(wrt.toArray(new String[0]));
    }

    /** Names of the gradient entries of {@code e}. */
    static List<String> wrtNames(Energy e) {
        Layout layout = e.layout();
        List<String> names = new ArrayList<>();
        for (int i : e.wrtIndices()) {
            names.add(layout.coordinateName(i));
        }
        return names;
    }
}
