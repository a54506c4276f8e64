package org.joule.samples;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Files the command line writes: checked before the work starts, and I/O errors as one line
 * that names the file and the reason.
 */
final class Outputs {
    private Outputs() {
    }

    /**
     * Checks that the file {@code file} can be written: not a directory, its directory exists
     * (created when {@code createParents}) and is writable.
     *
     * @throws IllegalArgumentException naming {@code option}, the file and the reason
     */
    static void checkFile(String option, Path file, boolean createParents) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(option + " " + file + " is a directory; give a file name");
        }
        Path parent = file.toAbsolutePath().getParent();
        requireNoFileInTheWay(option, file, parent);
        if (createParents) {
            createDirectories(option, parent);
        } else if (!Files.isDirectory(parent)) {
            throw new IllegalArgumentException(option + " " + file + ": the directory " + parent + " does not exist");
        }
        if (!Files.isWritable(parent) || Files.exists(file) && !Files.isWritable(file)) {
            throw new IllegalArgumentException(option + " " + file + " cannot be written: permission denied");
        }
    }

    /**
     * Creates the directory {@code dir} if needed and checks that it is writable.
     *
     * @throws IllegalArgumentException naming {@code option}, the directory and the reason
     */
    static void checkDirectory(String option, Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(option + " " + dir + " is a file, not a directory");
        }
        requireNoFileInTheWay(option, dir, dir.toAbsolutePath().getParent());
        createDirectories(option, dir);
        if (!Files.isWritable(dir)) {
            throw new IllegalArgumentException(option + " " + dir + " cannot be written: permission denied");
        }
    }

    /** The nearest existing ancestor of {@code path}, from {@code dir} up, must be a directory. */
    private static void requireNoFileInTheWay(String option, Path path, Path dir) {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new IllegalArgumentException(option + " " + path + ": " + p + " is a file, not a directory");
                }
                return;
            }
        }
    }

    private static void createDirectories(String option, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalArgumentException(option + ": cannot create the directory " + dir + ": " + reason(e));
        }
    }

    /** An I/O error as "cannot write FILE: REASON". */
    static IllegalArgumentException writeError(Path file, IOException e) {
        return new IllegalArgumentException("cannot write " + file + ": " + reason(e), e);
    }

    /** Why an I/O operation failed, in words, without the exception's class name. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException) {
            return ((FileSystemException) e).getFile() + " is a file, not a directory";
        }
        if (e instanceof NoSuchFileException n) {
            return n.getFile() + " does not exist";
        }
        if (e instanceof FileSystemException f) {
            String why = f.getReason() != null ? f.getReason() : "file system error";
            return f.getFile() != null ? why + " (" + f.getFile() + ")" : why;
        }
        return e.getMessage() != null ? e.getMessage() : "I/O error";
    }
}
