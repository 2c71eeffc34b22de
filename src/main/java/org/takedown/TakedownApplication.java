package org.takedown;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class TakedownApplication {

  public static void main(String[] args) {
    SpringApplication.run(TakedownApplication.class, args);
  }
}
