package dev.dftools.lint.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads Dockerfiles for the CLI: strict UTF-8, a leading BOM dropped, one clear message on failure. */
final class SourceFiles {

    /** A file the CLI cannot use, with the one line to show the user. */
    static final class UnreadableFile extends Exception {
        private static final long serialVersionUID = 1L;

        UnreadableFile(String message) {
            super(message, null, false, false);
        }
    }

    private SourceFiles() {
    }

    static String read(Path file) throws UnreadableFile {
        if (Files.isDirectory(file)) {
            throw new UnreadableFile(file + ": is a directory");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UnreadableFile(file + ": no such file");
        } catch (IOException e) {
            throw new UnreadableFile(file + ": cannot read: " + e.getMessage());
        }
        return decode(file.toString(), bytes);
    }

    static String readStdin(InputStream in) throws UnreadableFile {
        try {
            return decode("-", in.readAllBytes());
        } catch (IOException e) {
            throw new UnreadableFile("-: cannot read standard input: " + e.getMessage());
        }
    }

    private static String decode(String name, byte[] bytes) throws UnreadableFile {
        for (int i = 0; i < Math.min(bytes.length, 8000); i++) {
            if (bytes[i] == 0) {
                throw new UnreadableFile(name + ": binary file (NUL byte at offset " + i + "), not a Dockerfile");
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        String text;
        try {
            text = decoder.decode(buffer).toString();
        } catch (MalformedInputException e) {
            throw new UnreadableFile(name + ": not valid UTF-8 (byte offset " + buffer.position() + ")");
        } catch (CharacterCodingException e) {
            throw new UnreadableFile(name + ": not valid UTF-8");
        }
        // editors hide the BOM; dropping it keeps line-1 columns the same as the user sees them
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
