package org.joule.runtime.training;

import java.util.ArrayList;
import java.util.List;
import org.joule.runtime.Checks;
import org.joule.runtime.EnergyFunction;
import org.joule.runtime.Role;
import org.joule.runtime.Variable;

/** Argument checks shared by the trainers; each names the culprit. */
final class Inputs {
    private Inputs() {
    }

    static <T> T require(T o, String name) {
        if (o == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        return o;
    }

    /** The flat indices of the coordinates of the variables with {@code role}, in layout order. */
    static int[] coordinates(EnergyFunction f, Role role) {
        List<Integer> idx = new ArrayList<>();
        for (Variable v : f.layout().variables()) {
            if (v.role() == role) {
                for (int k = 0; k < v.size(); k++) {
                    idx.add(v.offset() + k);
                }
            }
        }
        return idx.stream().mapToInt(Integer::intValue).toArray();
    }

    static int[] wrt(EnergyFunction f) {
        int[] w = new int[f.wrtLength()];
        for (int k = 0; k < w.length; k++) {
            w[k] = f.wrt(k);
        }
        return w;
    }

    static List<String> names(EnergyFunction f, int[] idx) {
        List<String> names = new ArrayList<>();
        for (int i : idx) {
            names.add(f.layout().coordinateName(i));
        }
        return names;
    }

    /** Parameters: at least one wrt coordinate, none of them in {@code excluded}. */
    static void requireParameterView(EnergyFunction f, int[] excluded, String name) {
        if (f.wrtLength() == 0) {
            throw new IllegalArgumentException(name + " has no wrt coordinates to train");
        }
        for (int i : wrt(f)) {
            for (int e : excluded) {
                if (i == e) {
                    throw new IllegalArgumentException(name + " differentiates in the data coordinate '"
                            + f.layout().coordinateName(i) + "'; it must differentiate in the parameters only");
                }
            }
        }
    }

    /** A full layout array with finite entries; returns a copy. */
    static double[] start(EnergyFunction f, double[] start) {
        Checks.length(start, f.layout().size(), "start");
        for (int i = 0; i < start.length; i++) {
            if (!Double.isFinite(start[i])) {
                throw new IllegalArgumentException("start coordinate '" + f.layout().coordinateName(i) + "' is "
                        + start[i] + "; expected a finite number");
            }
        }
        return start.clone();
    }

    /** Rows of {@code d} finite numbers, at least one row; returns the number of rows. */
    static int rows(double[] data, int d) {
        require(data, "data");
        if (data.length == 0 || data.length % d != 0) {
            throw new IllegalArgumentException("data has length " + data.length
                    + "; expected a positive multiple of the data dimension " + d);
        }
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(data[i])) {
                throw new IllegalArgumentException("data row " + i / d + ", entry " + i % d + " is " + data[i]
                        + "; expected a finite number");
            }
        }
        return data.length / d;
    }
}
