package dev.overton.contracts.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSandboxTest {

    @TempDir
    Path allowed;

    @TempDir
    Path outside;

    private FileSandbox sandbox(long maxBytes) {
        return new FileSandbox(allowed, List.of(), maxBytes, "this server");
    }

    @Test
    void readsARegularFileInsideTheAllowedFolderByRelativePath() throws IOException {
        Files.writeString(allowed.resolve("a.jsonl"), "one\r\ntwo\n");

        assertThat(sandbox(100).readLines("a.jsonl")).containsExactly("one", "two");
    }

    @Test
    void refusesAPathOutsideTheAllowedFolders() throws IOException {
        Path secret = Files.writeString(outside.resolve("secret"), "root:x:0:0\n");

        assertThatThrownBy(() -> sandbox(100).readLines(secret.toString()))
                .isInstanceOfSatisfying(
                        FileRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(FileRefusedException.Reason.OUTSIDE))
                .hasMessageContaining("outside the folders this server may read")
                .hasMessageNotContaining("root");
        assertThatThrownBy(() -> sandbox(100).readLines("../" + outside.getFileName() + "/secret"))
                .hasMessageContaining("outside the folders");
        assertThatThrownBy(() -> sandbox(100).readLines("/etc/passwd")).hasMessageContaining("outside the folders");
    }

    @Test
    void refusesASymbolicLinkThatLeavesTheAllowedFolders() throws IOException {
        Path secret = Files.writeString(outside.resolve("secret"), "x\n");
        Files.createSymbolicLink(allowed.resolve("link"), secret);

        assertThatThrownBy(() -> sandbox(100).readLines("link")).hasMessageContaining("outside the folders");
    }

    @Test
    void followsASymbolicLinkThatStaysInside() throws IOException {
        Files.writeString(allowed.resolve("real"), "x\n");
        Files.createSymbolicLink(allowed.resolve("link"), allowed.resolve("real"));

        assertThat(sandbox(100).readLines("link")).containsExactly("x");
    }

    @Test
    void aLinkRepointedAfterACheckIsRefusedAtTheNextOpen() throws IOException {
        Path inside = Files.writeString(allowed.resolve("data.jsonl"), "inside\n");
        Path secret = Files.writeString(outside.resolve("secret"), "secret\n");
        Path link = Files.createSymbolicLink(allowed.resolve("link.jsonl"), inside);
        FileSandbox sandbox = sandbox(100);
        assertThat(sandbox.check("link.jsonl")).isEqualTo(inside.toRealPath());

        Files.delete(link);
        Files.createSymbolicLink(link, secret);

        assertThatThrownBy(() -> sandbox.readLines("link.jsonl"))
                .isInstanceOfSatisfying(
                        FileRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(FileRefusedException.Reason.OUTSIDE))
                .hasMessageNotContaining("secret\n");
    }

    @Test
    void refusesAFileOverTheCapAndAFolder() throws IOException {
        Files.writeString(allowed.resolve("big"), "0123456789");
        Files.createDirectory(allowed.resolve("dir"));

        assertThatThrownBy(() -> sandbox(9).readLines("big"))
                .isInstanceOfSatisfying(
                        FileRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(FileRefusedException.Reason.TOO_BIG))
                .hasMessageContaining("10 bytes, more than the 9 bytes");
        assertThat(sandbox(10).readLines("big")).containsExactly("0123456789");
        assertThatThrownBy(() -> sandbox(9).readLines("dir"))
                .isInstanceOfSatisfying(
                        FileRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(FileRefusedException.Reason.NOT_A_FILE));
        assertThatThrownBy(() -> sandbox(9).readLines("missing"))
                .isInstanceOfSatisfying(
                        FileRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(FileRefusedException.Reason.MISSING));
    }

    @Test
    void aFileThatGrowsPastTheCapAfterTheOpenFailsWhileRead() throws IOException {
        Path file = Files.writeString(allowed.resolve("growing"), "0123\n");
        try (FileSandbox.Opened opened = sandbox(8).open("growing")) {
            Files.writeString(file, "0123\n456789\n");

            assertThatThrownBy(opened::lines)
                    .isInstanceOfSatisfying(
                            FileRefusedException.class,
                            e -> assertThat(e.reason()).isEqualTo(FileRefusedException.Reason.TOO_BIG));
        }
    }

    @Test
    void refusesTextThatIsNotUtf8WithoutQuotingIt() throws IOException {
        Files.write(allowed.resolve("latin1"), new byte[] {'c', 'a', 'f', (byte) 0xE9, '\n'});

        assertThatThrownBy(() -> sandbox(100).readLines("latin1"))
                .hasMessageContaining("is not UTF-8 text")
                .hasMessageNotContaining("caf");
    }

    @Test
    void readStringKeepsLineEndsAndAppliesTheSamePolicy() throws IOException {
        Files.writeString(allowed.resolve("t.txt"), "a\r\nb\n");
        Path secret = Files.writeString(outside.resolve("secret"), "x\n");

        assertThat(sandbox(100).readString("t.txt")).isEqualTo("a\r\nb\n");
        assertThatThrownBy(() -> sandbox(100).readString(secret.toString()))
                .hasMessageContaining("outside the folders");
        assertThatThrownBy(() -> sandbox(3).readString("t.txt")).hasMessageContaining("more than the 3 bytes");
    }
}
