import { Module } from '@nestjs/common';
import { HomeController } from './home.controller.js';

/** GET /: what the server is, with links to the docs, the OpenAPI document, health and the staff console. */
@Module({ controllers: [HomeController] })
export class HomeModule {}
