package org.joule.samples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.function.DoubleBinaryOperator;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Figures of the samples, drawn by JFreeChart without a display ({@code java.awt.headless}):
 * an energy landscape over a square of the plane as a heat map with axes, a labelled colour
 * bar on a logarithmic scale, and the data and prototypes overlaid with a legend; several
 * charts side by side in one PNG.
 */
final class Charts {
    /** Viridis stops, dark blue (low energy) to yellow (high). */
    private static final int[][] VIRIDIS = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98},
            {253, 231, 37}};
    /** The colour bar spans at most this many decades below its top. */
    private static final double DECADES = 4;

    private Charts() {
    }

    /** A square [lo, hi]^2 sampled on the centres of cells × cells blocks. */
    record Square(double lo, double hi, int cells) {
        double centre(int i) {
            return lo + (hi - lo) * (i + 0.5) / cells;
        }

        double block() {
            return (hi - lo) / cells;
        }
    }

    /** Viridis colour for t in [0, 1]. */
    static Color viridis(double t) {
        double s = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
        int i = Math.min((int) s, VIRIDIS.length - 2);
        double f = s - i;
        int[] a = VIRIDIS[i];
        int[] b = VIRIDIS[i + 1];
        return new Color((int) Math.round(a[0] + f * (b[0] - a[0])), (int) Math.round(a[1] + f * (b[1] - a[1])),
                (int) Math.round(a[2] + f * (b[2] - a[2])));
    }

    /** Viridis over [lower, upper] of log10 of the energy, clamped outside. */
    private record Viridis(double lower, double upper) implements PaintScale {
        @Override
        public double getLowerBound() {
            return lower;
        }

        @Override
        public double getUpperBound() {
            return upper;
        }

        @Override
        public Paint getPaint(double value) {
            return viridis((value - lower) / (upper - lower));
        }
    }

    /** Formats a tick at log10 v as v itself: −3 as 0.001, 1 as 10. */
    private static final class PowerOfTen extends NumberFormat {
        private static final long serialVersionUID = 1L;

        @Override
        public StringBuffer format(double exponent, StringBuffer to, FieldPosition pos) {
            double v = Math.pow(10, exponent);
            return to.append(Math.abs(exponent - Math.rint(exponent)) < 1e-9 && exponent >= -4 && exponent <= 4
                    ? new DecimalFormat("0.####").format(v) : String.format("%.1e", v));
        }

        @Override
        public StringBuffer format(long exponent, StringBuffer to, FieldPosition pos) {
            return format((double) exponent, to, pos);
        }

        @Override
        public Number parse(String source, ParsePosition pos) {
            throw new UnsupportedOperationException("tick labels are only formatted");
        }
    }

    /**
     * A heat map of {@code energy − shift} over the square, with the data (white dots) and the
     * prototypes (red crosses) on top. Colours follow log10 of the shifted values over at most
     * their top {@link #DECADES} decades (lower values take the lowest colour), so that the
     * wells around the prototypes show; the shift is the grid's minimum when {@code shifted},
     * else 0. The colour bar's ticks are labelled with the values, not their logarithms.
     *
     * @param title       the chart's title
     * @param barLabel    the colour bar's label
     * @param energy      the function of (y1, y2)
     * @param square      where to draw it
     * @param shifted     whether to subtract the minimum over the grid before colouring
     * @param data        the points, one row (y1, y2) each
     * @param prototypes  the prototypes, one row each
     * @return the chart
     */
    static JFreeChart landscape(String title, String barLabel, DoubleBinaryOperator energy, Square square,
            boolean shifted, double[][] data, double[][] prototypes) {
        int n = square.cells();
        double[][] xyz = new double[3][n * n];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int c = i * n + j;
                xyz[0][c] = square.centre(i);
                xyz[1][c] = square.centre(j);
                xyz[2][c] = energy.applyAsDouble(xyz[0][c], xyz[1][c]);
                if (!Double.isFinite(xyz[2][c])) {
                    throw new IllegalStateException(title + ": the energy at (" + xyz[0][c] + ", " + xyz[1][c]
                            + ") is " + xyz[2][c]);
                }
                min = Math.min(min, xyz[2][c]);
                max = Math.max(max, xyz[2][c]);
            }
        }
        double shift = shifted ? min : 0;
        double upper = Math.log10(Math.max(max - shift, Double.MIN_NORMAL));
        double lower = Math.max(upper - DECADES, Math.log10(Math.max(min - shift, Double.MIN_NORMAL)));
        if (!(upper > lower)) {
            upper = lower + 1;
        }
        for (int c = 0; c < n * n; c++) {
            xyz[2][c] = Math.max(lower, Math.log10(Math.max(xyz[2][c] - shift, Double.MIN_NORMAL)));
        }
        Viridis scale = new Viridis(lower, upper);

        DefaultXYZDataset heat = new DefaultXYZDataset();
        heat.addSeries("energy", xyz);
        XYBlockRenderer blocks = new XYBlockRenderer();
        blocks.setBlockWidth(square.block());
        blocks.setBlockHeight(square.block());
        blocks.setBlockAnchor(RectangleAnchor.CENTER);
        blocks.setPaintScale(scale);
        blocks.setDefaultSeriesVisibleInLegend(false);

        NumberAxis x = axis("y\u2081", square);
        NumberAxis y = axis("y\u2082", square);
        XYPlot plot = new XYPlot(heat, x, y, blocks);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        overlay(plot, data, prototypes);

        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        LegendTitle legend = chart.getLegend();
        legend.setBackgroundPaint(new Color(225, 225, 225));
        legend.setFrame(new BlockBorder(Color.GRAY));
        legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        chart.addSubtitle(colourBar(scale, barLabel));
        return chart;
    }

    private static NumberAxis axis(String label, Square square) {
        NumberAxis a = new NumberAxis(label);
        a.setRange(square.lo(), square.hi());
        a.setAutoRangeIncludesZero(false);
        a.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        a.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        return a;
    }

    /** The data as white dots with a dark rim, the prototypes as red crosses, in the legend. */
    private static void overlay(XYPlot plot, double[][] data, double[][] prototypes) {
        XYSeries points = new XYSeries("data (" + data.length + " points)", false, true);
        for (double[] p : data) {
            points.add(p[0], p[1]);
        }
        XYSeries protos = new XYSeries("prototypes (k = " + prototypes.length + ")", false, true);
        for (double[] p : prototypes) {
            protos.add(p[0], p[1]);
        }
        XYSeriesCollection marks = new XYSeriesCollection();
        marks.addSeries(points);
        marks.addSeries(protos);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setUseOutlinePaint(true);
        r.setDrawOutlines(true);
        r.setSeriesShape(0, new Ellipse2D.Double(-2, -2, 4, 4));
        r.setSeriesPaint(0, Color.WHITE);
        r.setSeriesOutlinePaint(0, new Color(40, 40, 40));
        r.setSeriesOutlineStroke(0, new BasicStroke(0.6f));
        r.setSeriesShape(1, ShapeUtils.createDiagonalCross(5, 1.2f));
        r.setSeriesPaint(1, new Color(230, 20, 20));
        r.setSeriesOutlinePaint(1, Color.BLACK);
        r.setSeriesOutlineStroke(1, new BasicStroke(0.8f));
        plot.setDataset(1, marks);
        plot.setRenderer(1, r);
    }

    /** A colour bar whose axis runs over log10 of the energy, its ticks at powers of ten labelled by value. */
    private static PaintScaleLegend colourBar(Viridis scale, String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setRange(scale.lower(), scale.upper());
        axis.setTickUnit(new NumberTickUnit(scale.upper() - scale.lower() > 1.5 ? 1 : 0.25, new PowerOfTen()));
        axis.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        axis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        PaintScaleLegend bar = new PaintScaleLegend(scale, axis);
        bar.setPosition(RectangleEdge.RIGHT);
        bar.setStripWidth(16);
        bar.setSubdivisionCount(256);
        bar.setAxisOffset(4);
        bar.setMargin(new RectangleInsets(10, 8, 10, 8));
        bar.setBackgroundPaint(Color.WHITE);
        return bar;
    }

    /**
     * Draws the charts side by side, each {@code width × height} pixels, into one PNG.
     *
     * @throws IOException when the file cannot be written
     */
    static void write(Path file, int width, int height, JFreeChart... charts) throws IOException {
        BufferedImage image = new BufferedImage(width * charts.length, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), height);
            for (int i = 0; i < charts.length; i++) {
                charts[i].draw(g, new Rectangle2D.Double(i * width, 0, width, height));
            }
        } finally {
            g.dispose();
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            ImageIO.write(image, "png", out);
        }
    }
}
