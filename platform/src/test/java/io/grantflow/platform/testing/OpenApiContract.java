package io.grantflow.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps each service's checked-in OpenAPI document in {@code contracts/openapi} equal to what
 * the service really serves. Run a service's OpenApiContractIT with
 * {@code -Dgrantflow.openapi.update=true} to write the new document after an intended change.
 */
public final class OpenApiContract {
    private OpenApiContract() {}

    public static void check(String service, String served) throws IOException {
        Path root = Path.of(System.getProperty("grantflow.root", "../.."));
        Path file = root.resolve("contracts/openapi/" + service + ".yaml")
                .toAbsolutePath()
                .normalize();
        String normalised = served.replace("\r\n", "\n").strip() + "\n";
        if (Boolean.getBoolean("grantflow.openapi.update")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, normalised, StandardCharsets.UTF_8);
            return;
        }
        assertThat(file).as("the checked-in OpenAPI document of " + service).exists();
        assertThat(normalised)
                .as(
                        "contracts/openapi/%s.yaml differs from the API the service serves; if the change is intended, "
                                + "rerun with -Dgrantflow.openapi.update=true and commit the file",
                        service)
                .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
