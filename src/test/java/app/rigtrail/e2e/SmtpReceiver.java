package app.rigtrail.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A mail server just big enough to receive what the app sends over plain SMTP (EHLO, MAIL, RCPT,
 * DATA, RSET, NOOP, QUIT; no TLS, no authentication), so that the end-to-end stage sees alert
 * e-mail leave a production instance the way it would reach a real relay.
 */
final class SmtpReceiver implements AutoCloseable {

    /** One message as received: envelope and the raw message (headers and body). */
    record Message(String from, List<String> to, String data) {
        /** The first header of that name, unfolded, or null. */
        String header(String name) {
            String[] lines = data.split("\r\n", -1);
            for (int i = 0; i < lines.length && !lines[i].isEmpty(); i++) {
                if (lines[i].toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ":")) {
                    StringBuilder v = new StringBuilder(lines[i].substring(name.length() + 1).trim());
                    while (i + 1 < lines.length && (lines[i + 1].startsWith(" ") || lines[i + 1].startsWith("\t"))) {
                        v.append(' ').append(lines[++i].trim());
                    }
                    return v.toString();
                }
            }
            return null;
        }
    }

    final List<Message> messages = new CopyOnWriteArrayList<>();
    private final ServerSocket server;
    private final Thread acceptor;

    SmtpReceiver(int port) throws IOException {
        server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "smtp-receiver");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> serve(s), "smtp-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.UTF_8)); OutputStream out = socket.getOutputStream()) {
            reply(out, "220 localhost ESMTP rigtrail-e2e");
            String from = null;
            List<String> to = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String verb = line.length() < 4 ? line.toUpperCase(Locale.ROOT) : line.substring(0, 4).toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO" -> reply(out, "250-localhost\r\n250 8BITMIME");
                    case "HELO" -> reply(out, "250 localhost");
                    case "MAIL" -> {
                        from = address(line);
                        to = new ArrayList<>();
                        reply(out, "250 OK");
                    }
                    case "RCPT" -> {
                        to.add(address(line));
                        reply(out, "250 OK");
                    }
                    case "DATA" -> {
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        StringBuilder data = new StringBuilder();
                        String l;
                        while ((l = in.readLine()) != null && !l.equals(".")) {
                            data.append(l.startsWith("..") ? l.substring(1) : l).append("\r\n");
                        }
                        messages.add(new Message(from, List.copyOf(to), data.toString()));
                        reply(out, "250 OK queued");
                    }
                    case "RSET" -> {
                        from = null;
                        to = new ArrayList<>();
                        reply(out, "250 OK");
                    }
                    case "NOOP" -> reply(out, "250 OK");
                    case "QUIT" -> {
                        reply(out, "221 Bye");
                        return;
                    }
                    default -> reply(out, "502 Command not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static String address(String line) {
        int a = line.indexOf('<');
        int b = line.indexOf('>', a + 1);
        return a >= 0 && b > a ? line.substring(a + 1, b) : line.substring(line.indexOf(':') + 1).trim();
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    List<Message> to(String address) {
        return messages.stream().filter(m -> m.to().contains(address)).toList();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
