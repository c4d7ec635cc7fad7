package dev.reaper.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A small workspace in three languages whose files use each other, for the repo map: a Java bank around a
 * much-used {@code Account}, a Python service over its models (relative and absolute imports), and
 * TypeScript shapes (relative imports, an index file). Build output and one generated file are ignored.
 */
public final class PolyglotRepo {

    public static final Map<String, String> FILES = Map.ofEntries(
            Map.entry("java/com/ex/model/Account.java", """
                    package com.ex.model;

                    /** A bank account. */
                    public class Account {
                        private long cents;

                        public long balanceCents() {
                            return cents;
                        }

                        public void deposit(long amount) {
                            cents += amount;
                        }
                    }
                    """),
            Map.entry("java/com/ex/bank/Bank.java", """
                    package com.ex.bank;

                    import com.ex.model.Account;
                    import java.util.ArrayList;
                    import java.util.List;

                    public class Bank {
                        private final List<Account> accounts = new ArrayList<>();

                        public Account openAccount() {
                            Account a = new Account();
                            accounts.add(a);
                            return a;
                        }

                        public long totalCents() {
                            long sum = 0;
                            for (Account a : accounts) {
                                sum += a.balanceCents();
                            }
                            return sum;
                        }
                    }
                    """),
            Map.entry("java/com/ex/bank/Teller.java", """
                    package com.ex.bank;

                    import com.ex.model.*;

                    public class Teller {
                        private final Bank bank = new Bank();

                        public Account payIn(long amount) {
                            Account account = bank.openAccount();
                            account.deposit(amount);
                            return account;
                        }
                    }
                    """),
            Map.entry("java/com/ex/audit/Audit.java", """
                    package com.ex.audit;

                    import com.ex.model.Account;

                    public class Audit {
                        public boolean check(Account account, Account other) {
                            return account.balanceCents() >= 0 && other.balanceCents() >= 0;
                        }
                    }
                    """),
            Map.entry("java/com/ex/audit/Report.java", """
                    package com.ex.audit;

                    import com.ex.model.Account;

                    public class Report {
                        public String line(Account account) {
                            return "balance " + account.balanceCents();
                        }
                    }
                    """),
            Map.entry("py/app/__init__.py", ""),
            Map.entry("py/app/models.py", """
                    class User:
                        def __init__(self, name):
                            self.name = name

                        def display_name(self):
                            return self.name.title()


                    def load_users(path):
                        return [User(line.strip()) for line in open(path)]
                    """),
            Map.entry("py/app/service.py", """
                    from .models import User, load_users


                    class UserService:
                        def find_user(self, name):
                            for user in load_users("users.txt"):
                                if user.name == name:
                                    return user
                            return User(name)
                    """),
            Map.entry("py/app/cli.py", """
                    import sys
                    from app.service import UserService
                    from app import models


                    def main():
                        service = UserService()
                        print(service.find_user(sys.argv[1]).display_name(), models.User)
                    """),
            Map.entry("web/src/shapes.ts", """
                    export interface Shape {
                      area(): number;
                    }

                    export function totalArea(shapes: Shape[]): number {
                      return shapes.reduce((sum, s) => sum + s.area(), 0);
                    }
                    """),
            Map.entry("web/src/circle.ts", """
                    import { Shape } from './shapes';

                    export class Circle implements Shape {
                      constructor(private readonly radius: number) {}

                      area(): number {
                        return Math.PI * this.radius * this.radius;
                      }
                    }
                    """),
            Map.entry("web/src/geometry/index.ts", """
                    export const UNIT = 1;
                    """),
            Map.entry("web/src/main.ts", """
                    import { Circle } from './circle';
                    import { totalArea } from "./shapes.js";
                    import { UNIT } from './geometry';
                    const lodash = require('lodash');

                    export function mainArea(): number {
                      return totalArea([new Circle(UNIT)]);
                    }
                    """),
            Map.entry(".gitignore", "build/\ngenerated.py\n"),
            Map.entry("build/com/ex/model/Account.java", "public class Account { public long stale() { return 0; } }\n"),
            Map.entry("py/generated.py", "class Generated:\n    pass\n"),
            Map.entry("README.md", "# not source\n"));

    private PolyglotRepo() {}

    public static Path write(Path root) {
        try {
            for (Map.Entry<String, String> e : FILES.entrySet()) {
                Path p = root.resolve(e.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, e.getValue());
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
