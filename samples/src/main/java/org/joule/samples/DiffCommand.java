package org.joule.samples;

import java.util.List;
import java.util.concurrent.Callable;
import org.joule.graph.Energy;
import org.joule.graph.Node;
import org.joule.graph.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code joule diff EXPR --wrt x0,x1}: prints the simplified symbolic derivatives. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Print the simplified partial derivatives of EXPR, one line per variable.")
final class DiffCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "EXPR", description = "the expression, e.g. 'log(1 + exp(x0 * x1))'")
    String expression;

    @Option(names = "--wrt", split = ",", paramLabel = "VAR",
            description = "variables to differentiate with respect to (default: all, in order of appearance)")
    List<String> wrt;

    @Option(names = "--latex", description = "print LaTeX instead of infix")
    boolean latex;

    @Override
    public Integer call() {
        Energy e = Expressions.energy(Expressions.parse(expression), wrt);
        Node[] gradient = e.gradient();
        List<String> names = Expressions.wrtNames(e);
        for (int j = 0; j < gradient.length; j++) {
            String text = latex ? Printer.latex(gradient[j]) : Printer.infix(gradient[j]);
            System.out.println("d/d" + names.get(j) + " = " + text);
        }
        return 0;
    }
}
