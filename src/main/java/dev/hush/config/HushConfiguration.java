package dev.hush.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The service's configuration, read from {@code config.yml} after variable substitution. */
public class HushConfiguration extends Configuration {
    @Valid
    @NotNull
    private DataSourceFactory database = new DataSourceFactory();

    @NotNull
    private String databaseUrl;

    @Valid
    @NotNull
    @JsonProperty
    private VaultSettings vault;

    @Valid
    @NotNull
    @JsonProperty
    private JwtSettings jwt;

    @Valid
    @NotNull
    @JsonProperty
    private DefenseSettings defense = DefenseSettings.defaults();

    @Valid
    @NotNull
    @JsonProperty
    private RateLimitSettings rateLimits = RateLimitSettings.defaults();

    @Valid
    @NotNull
    @JsonProperty
    private HttpSettings http = HttpSettings.defaults();

    /** Sets DATABASE_URL, in the JDBC or the libpq URI form, and applies it to the pool settings. */
    @JsonProperty("databaseUrl")
    public void setDatabaseUrl(String databaseUrl) {
        this.databaseUrl = databaseUrl;
        applyDatabaseUrl();
    }

    @JsonProperty("database")
    public void setDatabase(DataSourceFactory database) {
        this.database = database;
        applyDatabaseUrl();
    }

    /** Returns the pool settings with the URL, user and password taken from DATABASE_URL. */
    public DataSourceFactory dataSourceFactory() {
        return database;
    }

    private void applyDatabaseUrl() {
        if (databaseUrl == null || database == null) {
            return;
        }
        DatabaseUrl url = DatabaseUrl.parse(databaseUrl);
        database.setDriverClass("org.postgresql.Driver");
        database.setUrl(url.jdbcUrl());
        url.user().ifPresent(database::setUser);
        url.password().ifPresent(password -> database.setPassword(password.reveal()));
    }

    public VaultSettings vault() {
        return vault;
    }

    public JwtSettings jwt() {
        return jwt;
    }

    public DefenseSettings defense() {
        return defense;
    }

    public RateLimitSettings rateLimits() {
        return rateLimits;
    }

    public HttpSettings http() {
        return http;
    }
}
