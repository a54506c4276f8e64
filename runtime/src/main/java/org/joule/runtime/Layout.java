package org.joule.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The layout of an energy function's flat input array: the variables in declaration order,
 * each occupying {@link Variable#size()} consecutive coordinates from its offset.
 * Immutable.
 */
public final class Layout {
    private final List<Variable> variables;
    private final Map<String, Variable> byName = new HashMap<>();
    private final Map<String, Integer> coordinateIndex = new HashMap<>();
    private final String[] coordinateNames;

    /**
     * Creates a layout. Offsets must be contiguous in list order starting at 0.
     *
     * @param variables the variables in declaration order; the list is copied
     * @throws IllegalArgumentException on a duplicate name or a gap or overlap in offsets
     */
    public Layout(List<Variable> variables) {
        this.variables = List.copyOf(variables);
        List<String> names = new ArrayList<>();
        int next = 0;
        for (Variable v : this.variables) {
            if (byName.put(v.name(), v) != null) {
                throw new IllegalArgumentException("duplicate variable name '" + v.name() + "'");
            }
            if (v.offset() != next) {
                throw new IllegalArgumentException("variable '" + v.name() + "' has offset " + v.offset()
                        + " but the previous variables end at " + next);
            }
            for (int k = 0; k < v.size(); k++) {
                String c = v.coordinateName(k);
                coordinateIndex.put(c, next + k);
                names.add(c);
            }
            next += v.size();
        }
        this.coordinateNames = names.toArray(new String[0]);
    }

    /**
     * The variables in declaration order.
     *
     * @return an unmodifiable list
     */
    public List<Variable> variables() {
        return Collections.unmodifiableList(variables);
    }

    /**
     * Length of the flat input array.
     *
     * @return the total number of coordinates of all variables
     */
    public int size() {
        return coordinateNames.length;
    }

    /**
     * The variable called {@code name}.
     *
     * @param name a variable name
     * @return the variable
     * @throws IllegalArgumentException naming it if absent
     */
    public Variable variable(String name) {
        Variable v = byName.get(name);
        if (v == null) {
            throw new IllegalArgumentException("unknown variable '" + name + "'; known: " + byName.keySet());
        }
        return v;
    }

    /**
     * Whether a variable called {@code name} exists.
     *
     * @param name a variable name
     * @return true when the layout has it
     */
    public boolean has(String name) {
        return byName.containsKey(name);
    }

    /**
     * The flat index of a coordinate such as {@code x}, {@code y[2]} or {@code W[1,0]}.
     *
     * @param coordinateName a scalar's name, or a vector or matrix coordinate with its indices
     * @return the coordinate's index in the flat input array
     */
    public int indexOf(String coordinateName) {
        Integer i = coordinateIndex.get(coordinateName);
        if (i == null) {
            throw new IllegalArgumentException("unknown coordinate '" + coordinateName + "'");
        }
        return i;
    }

    /**
     * The name of flat coordinate {@code i}.
     *
     * @param i a flat index, 0 &lt;= i &lt; {@link #size()}
     * @return its name as the text form writes it: {@code x}, {@code y[2]} or {@code W[1,0]}
     */
    public String coordinateName(int i) {
        if (i < 0 || i >= coordinateNames.length) {
            throw new IndexOutOfBoundsException("coordinate " + i + " outside the layout of size " + size());
        }
        return coordinateNames[i];
    }

    /**
     * A compact text form of this layout, {@code name:ROLE:rank:rows:cols} per variable
     * separated by {@code ;}, that {@link #fromSpec(String)} reads back. Compiled classes carry
     * their layout in this form.
     *
     * @return the spec; empty for a layout without variables
     */
    public String toSpec() {
        StringBuilder b = new StringBuilder();
        for (Variable v : variables) {
            if (b.length() > 0) {
                b.append(';');
            }
            b.append(v.name()).append(':').append(v.role().name()).append(':').append(v.rank()).append(':')
                    .append(v.rows()).append(':').append(v.cols());
        }
        return b.toString();
    }

    /**
     * Reads the form written by {@link #toSpec()}.
     *
     * @param spec text written by {@link #toSpec()}
     * @return the layout it describes
     */
    public static Layout fromSpec(String spec) {
        List<Variable> vars = new ArrayList<>();
        int offset = 0;
        if (!spec.isEmpty()) {
            for (String item : spec.split(";")) {
                String[] f = item.split(":");
                if (f.length != 5) {
                    throw new IllegalArgumentException("bad layout item '" + item + "'");
                }
                Variable v = new Variable(f[0], Role.valueOf(f[1]), Integer.parseInt(f[3]), Integer.parseInt(f[4]),
                        Integer.parseInt(f[2]), offset);
                vars.add(v);
                offset += v.size();
            }
        }
        return new Layout(vars);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Layout[");
        for (Variable v : variables) {
            b.append(b.length() > 7 ? ", " : "").append(v.name()).append(':').append(v.shape())
                    .append(' ').append(v.role().name().toLowerCase());
        }
        return b.append(']').toString();
    }
}
