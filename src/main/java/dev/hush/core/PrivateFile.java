package dev.hush.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writer for files that hold secrets. On a POSIX file system each file is created with mode
 * 0600, so it is never readable by group or others, not even while it is being written.
 */
public final class PrivateFile {
    private static final Set<PosixFilePermission> OWNER_READ_WRITE =
            PosixFilePermissions.fromString("rw-------");

    private PrivateFile() {
    }

    /**
     * Writes {@code content} to {@code target}.
     *
     * <p>Without {@code replaceExisting} the file is created only if nothing exists at that path,
     * checked atomically at creation. A partly written file is deleted if writing fails. With
     * {@code replaceExisting} the content goes to a temporary file in the same directory, which is
     * then renamed over the target, so readers see either the old or the new file.
     *
     * @return true if the file has mode 0600, false if the file system does not support POSIX
     *     permissions and the file got its default permissions
     * @throws FileAlreadyExistsException if {@code target} exists and {@code replaceExisting} is
     *     false
     */
    public static boolean write(Path target, byte[] content, boolean replaceExisting)
            throws IOException {
        Path absolute = target.toAbsolutePath();
        boolean posix = absolute.getFileSystem().supportedFileAttributeViews().contains("posix");
        // NOTE: no test covers a file system without POSIX permissions.
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE)}
                : new FileAttribute<?>[0];

        if (replaceExisting) {
            replace(absolute, content, attributes);
        } else {
            createNew(absolute, content, attributes);
        }
        return posix;
    }

    private static void createNew(Path target, byte[] content, FileAttribute<?>[] attributes)
            throws IOException {
        Set<StandardOpenOption> options =
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        FileChannel channel = FileChannel.open(target, options, attributes);

        try (channel) {
            writeAndSync(channel, content);
        } catch (IOException e) {
            deleteAfterFailure(target, e);
            throw e;
        }
    }

    private static void replace(Path target, byte[] content, FileAttribute<?>[] attributes)
            throws IOException {
        Path temporary = Files.createTempFile(
                target.getParent(), "." + target.getFileName() + ".", ".tmp", attributes);

        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                writeAndSync(channel, content);
            }
            moveOver(temporary, target);
        } catch (IOException e) {
            deleteAfterFailure(temporary, e);
            throw e;
        }
    }

    private static void moveOver(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void writeAndSync(FileChannel channel, byte[] content) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        channel.force(true);
    }

    private static void deleteAfterFailure(Path path, IOException failure) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
