package dev.dftools.lsp.features.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.dftools.lsp.Cursor;
import org.eclipse.lsp4j.SignatureHelp;
import org.junit.jupiter.api.Test;

class SignatureHelpProviderTest {

    private static String active(String text) {
        Cursor c = Cursor.of(text);
        SignatureHelp help = new SignatureHelpProvider().signatureHelp(c.snapshot(), c.position());
        return help.getSignatures().get(0).getParameters().get(help.getActiveParameter()).getLabel().getLeft();
    }

    @Test
    void activeParameterFollowsTheCursor() {
        assertEquals("--chown=<user>:<group>", active("FROM alpine\nCOPY --chown=1:1| a b\n"));
        assertEquals("<src>...", active("FROM alpine\nCOPY |\n"));
        assertEquals("<src>...", active("FROM alpine\nCOPY a| b\n"));
        assertEquals("<dest>", active("FROM alpine\nCOPY a b |\n"));
        assertEquals("<port>[/<protocol>]", active("FROM alpine\nEXPOSE |\n"));
        assertEquals("[<port>[/<protocol>] ...]", active("FROM alpine\nEXPOSE 80 |\n"));
        assertEquals("CMD <command>", active("FROM alpine\nHEALTHCHECK --interval=5s |\n"));
        assertEquals("--retries=<n>", active("FROM alpine\nHEALTHCHECK --retries|\n"));
        assertEquals("<image>[:<tag>|@<digest>]", active("FROM |"));
        assertEquals("AS <name>", active("FROM alpine |"));
        assertEquals("--mount=<mount>", active("FROM alpine\nRUN --mount=type=cache,|\n"));
        assertEquals("<command>", active("FROM alpine\nRUN --network=none echo \\\n  hi |\n"));
    }

    @Test
    void signatureTextAndNothingOnTheKeywordOrUnknownInstructions() {
        Cursor c = Cursor.of("FROM alpine\nEXPOSE 8|0\n");
        assertEquals("EXPOSE <port>[/<protocol>] [<port>[/<protocol>] ...]",
                new SignatureHelpProvider().signatureHelp(c.snapshot(), c.position()).getSignatures().get(0)
                        .getLabel());
        Cursor k = Cursor.of("FROM alpine\nEXP|OSE 80\n");
        assertNull(new SignatureHelpProvider().signatureHelp(k.snapshot(), k.position()));
        Cursor u = Cursor.of("FROM alpine\nFOO |bar\n");
        assertNull(new SignatureHelpProvider().signatureHelp(u.snapshot(), u.position()));
    }
}
