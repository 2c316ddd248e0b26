package io.grantflow.disbursement.testing;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The service's own database as the ITs read it, over plain JDBC, to see what the service stored. */
@Singleton
public class TestDatabase {
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    /** The first column of the first row of {@code sql}, as text; null without a row. */
    public String value(String sql, Object... params) throws SQLException {
        try (Connection c = connection();
                PreparedStatement q = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                q.setObject(i + 1, params[i]);
            }
            try (ResultSet rows = q.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    public Connection connection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }
}
