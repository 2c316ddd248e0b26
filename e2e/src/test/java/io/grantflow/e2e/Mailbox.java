package io.grantflow.e2e;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Reads a mailbox of the real SMTP/IMAP server (GreenMail, IMAP on 127.0.0.1:3143) over IMAP. */
final class Mailbox {
    private Mailbox() {}

    /** A received e-mail. */
    record Mail(String subject, String body) {}

    /**
     * The newest 100 messages of a mailbox: the demo mailboxes are shared with every run on the
     * machine (a started suite, other test runs) and may hold thousands, which take longer to
     * read than a test waits.
     */
    static List<Mail> read(String address) throws Exception {
        Properties props = new Properties();
        props.put("mail.store.protocol", "imap");
        props.put("mail.imap.host", "127.0.0.1");
        props.put("mail.imap.port", "3143");
        Store store = Session.getInstance(props).getStore("imap");
        // GreenMail runs with authentication disabled: the address is the login, any password works.
        store.connect(address, "any");
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            List<Mail> mails = new ArrayList<>();
            int count = inbox.getMessageCount();
            for (Message m : count == 0 ? new Message[0] : inbox.getMessages(Math.max(1, count - 99), count)) {
                Object content = m.getContent();
                mails.add(new Mail(m.getSubject(), content == null ? "" : content.toString()));
            }
            inbox.close(false);
            return mails;
        } finally {
            store.close();
        }
    }
}
