package org.takedown;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Counts the SQL statements every user of the DataSource executes: Hibernate, JdbcTemplate and the
 * engine's MyBatis alike, because it sits below all of them. Tests read {@link #count()} around a request.
 */
public class StatementCounter implements BeanPostProcessor {

  private static final AtomicLong EXECUTED = new AtomicLong();

  public static long count() {
    return EXECUTED.get();
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String name) {
    if (bean instanceof DataSource dataSource && !(bean instanceof Counting)) {
      return new Counting(dataSource);
    }
    return bean;
  }

  static final class Counting extends DelegatingDataSource {

    Counting(DataSource target) {
      super(target);
    }

    @Override
    public Connection getConnection() throws SQLException {
      return connection(super.getConnection());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return connection(super.getConnection(user, password));
    }
  }

  private static Connection connection(Connection target) {
    return (Connection) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          Object result = invoke(target, method, args);
          if (result instanceof CallableStatement s) {
            return statement(s, CallableStatement.class);
          }
          if (result instanceof PreparedStatement s) {
            return statement(s, PreparedStatement.class);
          }
          if (result instanceof Statement s) {
            return statement(s, Statement.class);
          }
          return result;
        });
  }

  private static Object statement(Statement target, Class<? extends Statement> type) {
    InvocationHandler handler = (proxy, method, args) -> {
      if (method.getName().startsWith("execute")) {
        EXECUTED.incrementAndGet();
      }
      return invoke(target, method, args);
    };
    return Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {type}, handler);
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
