package dev.hush.db;

import io.dropwizard.db.DataSourceFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens one plain connection before any pool is built, so an unreachable database stops
 * start-up with one clear line instead of the pool's stack traces.
 */
public final class DatabaseReachability {
    private DatabaseReachability() {
    }

    public static void require(DataSourceFactory factory) {
        Properties properties = new Properties();
        properties.putAll(factory.getProperties());
        if (factory.getUser() != null) {
            properties.setProperty("user", factory.getUser());
        }
        if (factory.getPassword() != null) {
            properties.setProperty("password", factory.getPassword());
        }
        try (Connection connection = DriverManager.getConnection(factory.getUrl(), properties)) {
            connection.isValid(5);
        } catch (SQLException e) {
            throw new DatabaseUnreachableException("Cannot connect to the database named by DATABASE_URL "
                    + "(SQLSTATE " + e.getSQLState() + "): " + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String message) {
        return message == null ? "no reason given" : message.strip().lines().findFirst().orElse("");
    }
}
