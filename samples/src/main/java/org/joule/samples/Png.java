package org.joule.samples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.DoubleBinaryOperator;
import javax.imageio.ImageIO;

/** Draws an energy landscape over [-1, 1]^2 as a heat map with points and markers, to PNG. */
final class Png {
    private Png() {
    }

    /** Viridis-like colour for t in [0, 1]: dark blue (low energy) to yellow (high). */
    static Color color(double t) {
        double[][] stops = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};
        t = Math.max(0, Math.min(1, t)) * (stops.length - 1);
        int i = Math.min((int) t, stops.length - 2);
        double f = t - i;
        return new Color((int) (stops[i][0] + f * (stops[i + 1][0] - stops[i][0])),
                (int) (stops[i][1] + f * (stops[i + 1][1] - stops[i][1])),
                (int) (stops[i][2] + f * (stops[i + 1][2] - stops[i][2])));
    }

    /** Draws the landscape of {@code energy} with {@code points} and {@code markers} into the PNG {@code file}. */
    static void landscape(Path file, int size, DoubleBinaryOperator energy, double[][] points, double[][] markers,
                          String title) throws IOException {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        double[][] e = new double[size][size];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                double v = Math.sqrt(Math.max(0, energy.applyAsDouble(toWorld(c, size), -toWorld(r, size))));
                e[r][c] = v;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                img.setRGB(c, r, color((e[r][c] - lo) / (hi - lo + 1e-300)).getRGB());
            }
        }
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(255, 255, 255, 150));
        for (double[] p : points) {
            g.fillOval(toPixel(p[0], size) - 1, toPixel(-p[1], size) - 1, 3, 3);
        }
        g.setStroke(new BasicStroke(2));
        for (double[] m : markers) {
            int u = toPixel(m[0], size);
            int v = toPixel(-m[1], size);
            g.setColor(Color.RED);
            g.drawLine(u - 6, v - 6, u + 6, v + 6);
            g.drawLine(u - 6, v + 6, u + 6, v - 6);
        }
        g.setColor(Color.WHITE);
        g.drawString(title, 8, 16);
        g.dispose();
        try (OutputStream out = Files.newOutputStream(file)) {
            ImageIO.write(img, "png", out);
        }
    }

    private static double toWorld(int pixel, int size) {
        return -1 + 2.0 * (pixel + 0.5) / size;
    }

    private static int toPixel(double world, int size) {
        return (int) Math.round((world + 1) / 2 * size - 0.5);
    }
}
