package dev.hush.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFileTest {
    private static final byte[] CONTENT = "SECRET=value\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path directory;

    @Test
    void writeCreatesFileWithMode0600() throws IOException {
        Path file = directory.resolve(".env");

        boolean ownerOnly = PrivateFile.write(file, CONTENT, false);

        assertThat(ownerOnly).isTrue();
        assertThat(Files.readAllBytes(file)).isEqualTo(CONTENT);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void writeRejectsExistingFileWithoutReplace() throws IOException {
        Path file = directory.resolve(".env");
        Files.writeString(file, "OLD=1\n");

        assertThatThrownBy(() -> PrivateFile.write(file, CONTENT, false))
                .isInstanceOf(FileAlreadyExistsException.class);

        assertThat(Files.readString(file)).isEqualTo("OLD=1\n");
    }

    @Test
    void writeReplacesExistingFileWithMode0600() throws IOException {
        Path file = directory.resolve(".env");
        Files.writeString(file, "OLD=1\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        boolean ownerOnly = PrivateFile.write(file, CONTENT, true);

        assertThat(ownerOnly).isTrue();
        assertThat(Files.readAllBytes(file)).isEqualTo(CONTENT);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void replaceLeavesNoTemporaryFile() throws IOException {
        Path file = directory.resolve(".env");
        Files.writeString(file, "OLD=1\n");

        PrivateFile.write(file, CONTENT, true);

        try (var entries = Files.list(directory)) {
            assertThat(entries).containsExactly(file);
        }
    }

    @Test
    void replaceCreatesMissingFile() throws IOException {
        Path file = directory.resolve(".env");

        PrivateFile.write(file, CONTENT, true);

        assertThat(Files.readAllBytes(file)).isEqualTo(CONTENT);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void writeResolvesRelativePath() throws IOException {
        Path relative = Path.of("").toAbsolutePath().relativize(directory.resolve("env"));

        PrivateFile.write(relative, CONTENT, false);

        assertThat(Files.readAllBytes(directory.resolve("env"))).isEqualTo(CONTENT);
    }
}
